/** Gatehouse cache module; see the module README. */
package dev.gatehouse.cache;
