/**
 * JMS integration: {@code JmsTemplate} sends the current run in message properties and
 * {@code @JmsListener} methods run in the run of the message they receive.
 */
@NullMarked
package dev.runid.spring.jms;

import org.jspecify.annotations.NullMarked;
