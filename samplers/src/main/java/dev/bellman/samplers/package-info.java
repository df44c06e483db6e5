/** Bellman samplers module (see ../shared/DESIGN.md section 2 for what it owns). */
package dev.bellman.samplers;
