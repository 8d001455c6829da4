package dev.runid.spring.langchain4j;

import java.util.ArrayList;
import java.util.List;

import dev.runid.spring.client.RunIdForwarding;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Makes an application's forwarding settings the ones that LangChain4j's clients use
 * while the application runs. LangChain4j creates its HTTP clients through
 * {@link java.util.ServiceLoader}, outside any application context, so the settings are
 * JVM-wide: the most recently started application that is still running wins; with none
 * running, LangChain4j's clients forward nothing. Thread-safe.
 */
public final class RunIdLangChain4jForwarding implements InitializingBean, DisposableBean {

	/**
	 * The registrations of the running applications, oldest first; guarded by itself.
	 */
	private static final List<RunIdLangChain4jForwarding> running = new ArrayList<>();

	private static volatile @Nullable RunIdForwarding current;

	private final RunIdForwarding forwarding;

	/**
	 * Create the registration of an application's settings.
	 * @param forwarding what to forward and where
	 */
	public RunIdLangChain4jForwarding(RunIdForwarding forwarding) {
		this.forwarding = forwarding;
	}

	/**
	 * The settings LangChain4j's clients use now.
	 * @return the settings of the most recently started running application, or
	 * {@code null} when none is running
	 */
	static @Nullable RunIdForwarding current() {
		return current;
	}

	@Override
	public void afterPropertiesSet() {
		synchronized (running) {
			running.add(this);
			current = this.forwarding;
		}
	}

	@Override
	public void destroy() {
		synchronized (running) {
			running.remove(this);
			current = running.isEmpty() ? null : running.get(running.size() - 1).forwarding;
		}
	}

	@Override
	public String toString() {
		return "RunIdLangChain4jForwarding[" + this.forwarding + "]";
	}

}
