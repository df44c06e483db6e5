/**
 * Engine setup for a run: {@link dev.bellman.control.engine.BellmanEngine} (offline DJL PyTorch engine,
 * seed, intra-op threads), {@link dev.bellman.control.engine.EngineConfig},
 * {@link dev.bellman.control.engine.Precision} (float32/float64), {@link dev.bellman.control.engine.DeviceKind};
 * array lifetime and autograd helpers for hot loops: {@link dev.bellman.control.engine.Scope} (a nestable
 * NDScope that hands kept arrays to the enclosing scope), {@link dev.bellman.control.engine.GradMode}
 * (autograd recording off for a block), {@link dev.bellman.control.engine.Scalars} (array–number ops
 * safe under autograd: DJL's {@code mul(Number)} and kin keep a GC-managed buffer alive only until the op returns),
 * {@link dev.bellman.control.engine.GcChurn} (a diagnostic thread that makes reads of freed Java buffers show).
 */
package dev.bellman.control.engine;
