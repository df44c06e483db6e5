/**
 * Engine setup for a run: {@link dev.bellman.control.engine.BellmanEngine} (offline DJL PyTorch engine,
 * seed, intra-op threads), {@link dev.bellman.control.engine.EngineConfig},
 * {@link dev.bellman.control.engine.Precision} (float32/float64), {@link dev.bellman.control.engine.DeviceKind}.
 */
package dev.bellman.control.engine;
