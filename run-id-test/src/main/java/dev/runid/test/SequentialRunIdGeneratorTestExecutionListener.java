package dev.runid.test;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the {@link SequentialRunIdGenerator} beans of a test's application context
 * before each test method, so that each test sees the same IDs whatever ran before it.
 * Registered in {@code META-INF/spring.factories}; a test without a loaded context is
 * left alone (the listener never loads one).
 */
final class SequentialRunIdGeneratorTestExecutionListener implements TestExecutionListener {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			testContext.getApplicationContext()
				.getBeanProvider(SequentialRunIdGenerator.class)
				.orderedStream()
				.forEach(SequentialRunIdGenerator::reset);
		}
	}

}
