/**
 * An application that sends to and listens on Kafka, JMS and RabbitMQ with the run-id
 * starter, for the tests in AOT mode.
 */
@NullMarked
package dev.runid.aot.messaging;

import org.jspecify.annotations.NullMarked;
