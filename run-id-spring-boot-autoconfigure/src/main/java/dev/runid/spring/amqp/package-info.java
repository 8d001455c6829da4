/**
 * RabbitMQ integration: {@code RabbitTemplate} sends the current run in message headers
 * and {@code @RabbitListener} methods run in the run of the message they receive.
 */
@NullMarked
package dev.runid.spring.amqp;

import org.jspecify.annotations.NullMarked;
