/**
 * The MNIST image benchmark of issue 6 (DESIGN.md §1.4, §1.5).
 *
 * <ul>
 *   <li>{@link dev.bellman.benchmarks.mnist.DigitClassifier}: a small CNN judge of generated digits
 *       (train, classify, accuracy, atomic save/load), trained per
 *       {@link dev.bellman.benchmarks.mnist.ClassifierTraining};</li>
 *   <li>{@link dev.bellman.benchmarks.mnist.Classification}: labels and confidences;</li>
 *   <li>{@link dev.bellman.benchmarks.mnist.SampleQuality}: confident fraction, class histogram, the target;</li>
 *   <li>mains printing {@code RESULT {json}}: {@link dev.bellman.benchmarks.mnist.TrainDigitClassifier},
 *       {@link dev.bellman.benchmarks.mnist.MnistDiffusion} (sample 1,000 digits by Euler–Maruyama over the
 *       reverse SDE, grid PNG, quality), {@link dev.bellman.benchmarks.mnist.UNetSpeed} (U-Net step timing).</li>
 * </ul>
 */
package dev.bellman.benchmarks.mnist;
