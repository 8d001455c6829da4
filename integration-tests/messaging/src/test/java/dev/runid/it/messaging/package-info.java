/**
 * Integration tests of run-id with message brokers: Kafka, JMS (Artemis) and RabbitMQ.
 */
@NullMarked
package dev.runid.it.messaging;

import org.jspecify.annotations.NullMarked;
