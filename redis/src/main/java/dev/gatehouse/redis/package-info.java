/** Gatehouse redis module; see the module README. */
package dev.gatehouse.redis;
