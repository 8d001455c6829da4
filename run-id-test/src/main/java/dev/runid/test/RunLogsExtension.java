package dev.runid.test;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension that captures the log lines written through Logback during each test
 * and hands them as {@link RunLogs} to a test method (or {@code @BeforeEach} or
 * {@code @AfterEach} method) that declares a {@code RunLogs} parameter; register it with
 * {@code @ExtendWith(RunLogsExtension.class)}, like Boot's
 * {@code OutputCaptureExtension}.
 * <p>
 * Capturing starts before the first {@code @BeforeEach} method and ends after the last
 * {@code @AfterEach} method, through an appender on Logback's root logger (loggers with
 * additivity off are not seen). The lines are sorted by the run ID in their MDC, so the
 * log pattern does not matter.
 */
public final class RunLogsExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(RunLogsExtension.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext loggerContext)) {
			throw new ExtensionConfigurationException("RunLogsExtension needs Logback as the SLF4J backend, found "
					+ LoggerFactory.getILoggerFactory().getClass().getName());
		}
		RunLogs logs = new RunLogs();
		Capture capture = new Capture(logs);
		capture.setContext(loggerContext);
		capture.setName("run-id-test-" + System.identityHashCode(capture));
		capture.start();
		loggerContext.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture);
		context.getStore(NAMESPACE).put(RunLogs.class, capture);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		Capture capture = context.getStore(NAMESPACE).remove(RunLogs.class, Capture.class);
		if (capture != null && capture.getContext() instanceof LoggerContext loggerContext) {
			loggerContext.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(capture);
			capture.stop();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RunLogs.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Capture capture = extensionContext.getStore(NAMESPACE).get(RunLogs.class, Capture.class);
		if (capture == null) {
			throw new ExtensionConfigurationException(
					"RunLogs is only available to test methods and @BeforeEach and @AfterEach methods");
		}
		return capture.logs;
	}

	/**
	 * The appender that feeds one test's {@link RunLogs}.
	 */
	private static final class Capture extends AppenderBase<ILoggingEvent> {

		private final RunLogs logs;

		Capture(RunLogs logs) {
			this.logs = logs;
		}

		@Override
		protected void append(ILoggingEvent event) {
			this.logs.add(event);
		}

	}

}
