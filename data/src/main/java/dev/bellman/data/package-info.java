/**
 * Bellman's data module (DESIGN.md §2): what a trainer samples from.
 * <ul>
 *   <li>{@link dev.bellman.data.DataSpec} (with {@link dev.bellman.data.DataSpec.Toy},
 *       {@link dev.bellman.data.DataSpec.FileBacked}, {@link dev.bellman.data.DataSpec.Kind}): parses
 *       {@code 8gaussians}, {@code gmm:FILE}, {@code mnist:DIR}, {@code images:DIR}, {@code csv:FILE},
 *       {@code npy:FILE} and opens them;</li>
 *   <li>{@link dev.bellman.data.DataSource} ({@link dev.bellman.data.DataSource.Infinite},
 *       {@link dev.bellman.data.DataSource.Finite}): a sampler, an exact mixture if known, a split;</li>
 *   <li>{@link dev.bellman.data.Distribution}: a law sampled from a caller's generator;</li>
 *   <li>{@link dev.bellman.data.HostArrays}: Java arrays to NDArrays in one native call;</li>
 *   <li>{@link dev.bellman.data.DataException}: the one error type for unusable data (exit code 2).</li>
 * </ul>
 * Sub-packages: {@code toy}, {@code mixture}, {@code dataset}, {@code io}, {@code plot}.
 */
package dev.bellman.data;
