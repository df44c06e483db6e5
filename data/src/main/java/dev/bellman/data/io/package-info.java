/**
 * File formats: {@link dev.bellman.data.io.Idx} and {@link dev.bellman.data.io.IdxArray} (IDX
 * unsigned-byte files, plain or gzip), {@link dev.bellman.data.io.Mnist} ({@code mnist:DIR}),
 * {@link dev.bellman.data.io.ImageFolder} ({@code images:DIR}), {@link dev.bellman.data.io.Npy} and
 * {@link dev.bellman.data.io.NpyArray} (NumPy .npy), {@link dev.bellman.data.io.Csv} and
 * {@link dev.bellman.data.io.CsvTable} (comma-separated numbers), and
 * {@link dev.bellman.data.io.AtomicFiles} (write to a temporary file, then rename).
 */
package dev.bellman.data.io;
