/**
 * The run registry: what each run did, recorded per service as segments and looked up by
 * run ID. {@link dev.runid.spring.registry.RunRegistry} is the read API for applications;
 * {@link dev.runid.spring.registry.RunStore} the SPI of the stores that keep the records.
 */
@NullMarked
package dev.runid.spring.registry;

import org.jspecify.annotations.NullMarked;
