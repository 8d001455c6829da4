/**
 * Auto-configuration for run-id, and its {@code run-id.*} properties.
 */
@NullMarked
package dev.runid.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
