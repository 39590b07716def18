/** Gatehouse identity module; see the module README. */
package dev.gatehouse.identity;
