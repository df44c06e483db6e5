/**
 * Run directories and provenance: {@link dev.bellman.control.run.RunDirectory} (run.json, result.json),
 * {@link dev.bellman.control.run.AtomicFiles} (temporary file then atomic rename),
 * {@link dev.bellman.control.run.BuildInfo} (versions, commit, machine), {@link dev.bellman.control.run.Json}.
 */
package dev.bellman.control.run;
