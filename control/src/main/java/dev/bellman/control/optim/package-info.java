/**
 * The project's own optimizer and averaging, with exportable state for exact resume (DESIGN.md §3):
 * {@link dev.bellman.control.optim.Adam} (Adam/AdamW, clipping, schedules) configured by
 * {@link dev.bellman.control.optim.AdamConfig} and {@link dev.bellman.control.optim.LearningRateSchedule},
 * its state {@link dev.bellman.control.optim.AdamState}; {@link dev.bellman.control.optim.Ema} and
 * {@link dev.bellman.control.optim.Ema.EmaState}.
 */
package dev.bellman.control.optim;
