package dev.runid.spring.langchain4j;

import java.util.ArrayList;
import java.util.List;

import dev.runid.spring.client.RunIdForwarding;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Hands an application's run-id settings to LangChain4j's clients while the application
 * runs. LangChain4j creates its HTTP clients through {@link java.util.ServiceLoader},
 * outside any application context, so the settings are JVM-wide: the most recently
 * started application that is still running wins; while none runs, LangChain4j's clients
 * are left as they are. Thread-safe.
 */
public final class RunIdLangChain4jForwarding implements InitializingBean, DisposableBean {

	/**
	 * The registrations of the running applications, oldest first; guarded by itself.
	 */
	private static final List<RunIdLangChain4jForwarding> running = new ArrayList<>();

	private static volatile @Nullable RunIdLangChain4jForwarding current;

	private final @Nullable RunIdForwarding forwarding;

	/**
	 * Create the registration of an application's settings.
	 * @param forwarding what to forward and where, or {@code null} when the application
	 * forwards nothing ({@code run-id.outbound.enabled=false}) but streamed responses
	 * still arrive in the run
	 */
	public RunIdLangChain4jForwarding(@Nullable RunIdForwarding forwarding) {
		this.forwarding = forwarding;
	}

	/**
	 * The registration LangChain4j's clients use now.
	 * @return the registration of the most recently started running application, or
	 * {@code null} when none is running
	 */
	static @Nullable RunIdLangChain4jForwarding current() {
		return current;
	}

	/**
	 * What to forward and where.
	 * @return the settings, or {@code null} when nothing is forwarded
	 */
	@Nullable RunIdForwarding forwarding() {
		return this.forwarding;
	}

	@Override
	public void afterPropertiesSet() {
		synchronized (running) {
			running.add(this);
			current = this;
		}
	}

	@Override
	public void destroy() {
		synchronized (running) {
			running.remove(this);
			current = running.isEmpty() ? null : running.get(running.size() - 1);
		}
	}

	@Override
	public String toString() {
		return "RunIdLangChain4jForwarding[" + this.forwarding + "]";
	}

}
