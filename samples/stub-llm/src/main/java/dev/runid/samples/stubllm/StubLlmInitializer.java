package dev.runid.samples.stubllm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts a {@link StubLlmServer} for an application whose OpenAI provider is not
 * configured ({@code spring.ai.openai.base-url} unset), and points Spring AI at it; stops
 * it when the application context closes. With {@code spring.ai.openai.base-url} set, it
 * does nothing: the application talks to that provider. Registered in
 * {@code META-INF/spring.factories}, so it runs before any bean is created.
 */
public final class StubLlmInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * The property that, when set, keeps the stub from starting.
	 */
	public static final String BASE_URL = "spring.ai.openai.base-url";

	private static final String API_KEY = "spring.ai.openai.api-key";

	// set by Spring's AOT processors (AbstractAotProcessor) while they process an
	// application
	private static final String AOT_PROCESSING = "spring.aot.processing";

	private static final Logger logger = LoggerFactory.getLogger(StubLlmInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (StringUtils.hasText(environment.getProperty(BASE_URL)) || Boolean.getBoolean(AOT_PROCESSING)) {
			// a provider is configured; or Spring's AOT processing refreshes the context
			// at
			// build time without running it, and the stub's server thread would keep that
			// JVM alive (in AOT mode at run time the stub starts as usual)
			return;
		}
		StubLlmServer stub = start();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(BASE_URL, stub.baseUrl());
		if (!StringUtils.hasText(environment.getProperty(API_KEY))) {
			// the OpenAI SDK refuses to start without a key; the stub ignores it
			properties.put(API_KEY, "stub-llm-needs-no-key");
		}
		environment.getPropertySources().addFirst(new MapPropertySource("stub-llm", properties));
		context.addApplicationListener(new StopOnClose(context, stub));
		logger.info("stub_llm_started base_url={} (set {} to use a real provider)", stub.baseUrl(), BASE_URL);
	}

	private static StubLlmServer start() {
		try {
			return new StubLlmServer();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the stub LLM", ex);
		}
	}

	/**
	 * Stops the stub when its application context closes (not a parent's or a child's).
	 */
	private record StopOnClose(ConfigurableApplicationContext context,
			StubLlmServer stub) implements ApplicationListener<ApplicationEvent> {

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context) {
				this.stub.close();
			}
		}

	}

}
