/**
 * Kafka integration: {@code KafkaTemplate} sends the current run in record headers and
 * listener containers run each record in its run.
 */
@NullMarked
package dev.runid.spring.kafka;

import org.jspecify.annotations.NullMarked;
