package dev.runid.spring.amqp;

import java.util.List;

import dev.runid.spring.messaging.RunIdMessageListening;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * Advice of a listener container that runs the listener in the run of the message it
 * receives, read from its headers; a batch of messages (a list the container gathered, or
 * one message that a {@code BatchingRabbitTemplate} made of many) runs in a new run of
 * its own, as its messages may come from many runs. First in the advice chain, so that
 * retries (Boot's retry interceptor) and the recoverer run in the run too; a failure is
 * logged in the run. Runs on the container's threads; thread-safe.
 */
public final class RunIdRabbitListenerAdvice implements MethodInterceptor {

	private final RunIdMessageListening listening;

	/**
	 * Create the advice.
	 * @param listening turns the run headers of a message into the listener's run
	 */
	public RunIdRabbitListenerAdvice(RunIdMessageListening listening) {
		this.listening = listening;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object data = (invocation.getArguments().length > 1) ? invocation.getArguments()[1] : null;
		RunIdMessageListening.Entry entry;
		if (data instanceof Message message
				&& message.getMessageProperties().getHeader(MessageProperties.SPRING_BATCH_FORMAT) != null) {
			// a BatchingRabbitTemplate's batch that the container hands on whole: its
			// messages share one set of headers, whose run is the one that sent it off
			entry = this.listening.enterNew(queue(message.getMessageProperties()));
		}
		else if (data instanceof Message message) {
			MessageProperties properties = message.getMessageProperties();
			entry = this.listening.enter(header(properties, this.listening.headerName()), false,
					header(properties, this.listening.parentHeaderName()), false, queue(properties));
		}
		else if (data instanceof List<?> batch && !batch.isEmpty() && batch.get(0) instanceof Message first) {
			entry = this.listening.enterNew(queue(first.getMessageProperties()));
		}
		else {
			return invocation.proceed();
		}
		try (entry) {
			try {
				return invocation.proceed();
			}
			catch (Throwable ex) {
				entry.failed(ex);
				throw ex;
			}
		}
	}

	private static @Nullable String header(MessageProperties properties, String name) {
		Object value = properties.getHeader(name);
		return (value != null) ? value.toString() : null;
	}

	private static String queue(MessageProperties properties) {
		String queue = properties.getConsumerQueue();
		return (queue != null) ? queue : "rabbit";
	}

}
