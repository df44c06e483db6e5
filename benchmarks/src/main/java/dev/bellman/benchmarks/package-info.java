/** Bellman benchmarks module (see ../shared/DESIGN.md section 2 for what it owns). */
package dev.bellman.benchmarks;
