/**
 * What the message broker integrations share: how a received message becomes the run of
 * its listener.
 */
@NullMarked
package dev.runid.spring.messaging;

import org.jspecify.annotations.NullMarked;
