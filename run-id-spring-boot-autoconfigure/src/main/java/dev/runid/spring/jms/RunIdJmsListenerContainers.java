package dev.runid.spring.jms;

import java.util.function.Supplier;

import dev.runid.spring.messaging.RunIdMessageListening;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jms.config.JmsListenerEndpointRegistry;
import org.springframework.jms.listener.AbstractMessageListenerContainer;
import org.springframework.jms.listener.MessageListenerContainer;
import org.springframework.jms.listener.SessionAwareMessageListener;

/**
 * Wraps the listener of every container of {@code @JmsListener} methods with a
 * {@link RunIdJmsSessionAwareMessageListener} (or a {@link RunIdJmsMessageListener} for a
 * plain message listener), so that each method runs in the run of the message it
 * receives. Those containers are made by the {@link JmsListenerEndpointRegistry} once all
 * singletons exist, and are not beans; this lifecycle starts first, in the lowest phase,
 * and wraps them before any starts. A container registered later, while the application
 * runs, is not wrapped.
 */
public final class RunIdJmsListenerContainers implements SmartLifecycle {

	private final ObjectProvider<JmsListenerEndpointRegistry> registries;

	private final Supplier<RunIdMessageListening> listening;

	private final Supplier<String> propertyName;

	private final Supplier<String> parentPropertyName;

	private volatile boolean running;

	/**
	 * Create the lifecycle.
	 * @param registries the registries of listener containers
	 * @param listening turns the run of a message into the listener's run
	 * @param propertyName the property of the run ID
	 * @param parentPropertyName the property of the parent run ID
	 */
	public RunIdJmsListenerContainers(ObjectProvider<JmsListenerEndpointRegistry> registries,
			Supplier<RunIdMessageListening> listening, Supplier<String> propertyName,
			Supplier<String> parentPropertyName) {
		this.registries = registries;
		this.listening = listening;
		this.propertyName = propertyName;
		this.parentPropertyName = parentPropertyName;
	}

	@Override
	public void start() {
		this.registries.orderedStream().forEach((registry) -> {
			for (MessageListenerContainer container : registry.getListenerContainers()) {
				if (container instanceof AbstractMessageListenerContainer listenerContainer) {
					wrap(listenerContainer, this.listening.get(), this.propertyName.get(),
							this.parentPropertyName.get());
				}
			}
		});
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	/**
	 * Wrap the listener of a container with a wrapper of the same kind: the container
	 * calls a {@code SessionAwareMessageListener} (the adapter of a {@code @JmsListener}
	 * method) with a session, which it may open for the call, and a plain
	 * {@code MessageListener} without one.
	 */
	@SuppressWarnings("unchecked")
	static void wrap(AbstractMessageListenerContainer container, RunIdMessageListening listening, String propertyName,
			String parentPropertyName) {
		Object listener = container.getMessageListener();
		if (listener instanceof RunIdJmsMessageListener || listener instanceof RunIdJmsSessionAwareMessageListener) {
			return;
		}
		String name = container.getDestinationName();
		String destination = (name != null) ? name : String.valueOf(container.getDestination());
		if (listener instanceof SessionAwareMessageListener<?> sessionAware) {
			container.setMessageListener(
					new RunIdJmsSessionAwareMessageListener((SessionAwareMessageListener<Message>) sessionAware,
							listening, propertyName, parentPropertyName, destination));
		}
		else if (listener instanceof MessageListener plain) {
			container.setMessageListener(
					new RunIdJmsMessageListener(plain, listening, propertyName, parentPropertyName, destination));
		}
	}

}
