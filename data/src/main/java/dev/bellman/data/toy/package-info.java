/**
 * The 2-D toy distributions: {@link dev.bellman.data.toy.ToyDistribution} (8gaussians, 25gaussians,
 * swissroll, moons, circles, rings, pinwheel, 2spirals, checkerboard), with exact mixtures, densities
 * and entropies where they exist.
 */
package dev.bellman.data.toy;
