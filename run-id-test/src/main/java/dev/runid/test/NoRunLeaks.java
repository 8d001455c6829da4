package dev.runid.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a JUnit 5 test that leaves a run open on any thread of the process: a
 * {@code RunContext} scope not closed, a worker still in a run of the test, a
 * {@code RunContext.Hold} not released.
 * <p>
 * Every run entered from before the first {@code @BeforeEach} method on is counted
 * (through a {@code RunListener}, so scopes entered by values of the context-propagation
 * {@code RunIdThreadLocalAccessor} are not seen); after the last {@code @AfterEach}
 * method the check waits up to {@link #timeoutMillis()} for work that is still finishing
 * and then fails the test naming the runs still open, and, when the test thread still has
 * a run, that one. With {@link WithRunId} on the same test, the test's own run is
 * released first, and must be closed everywhere as well.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RunIdTestExtension.class)
public @interface NoRunLeaks {

	/**
	 * How long to wait, in milliseconds, for threads that are still finishing a run of
	 * the test before calling it a leak.
	 * @return the time to wait
	 */
	long timeoutMillis() default 2000;

}
