/**
 * An application to run with the OpenTelemetry Java agent.
 */
@NullMarked
package dev.runid.it.otelagent;

import org.jspecify.annotations.NullMarked;
