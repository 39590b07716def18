/** Gatehouse policy module; see the module README. */
package dev.gatehouse.policy;
