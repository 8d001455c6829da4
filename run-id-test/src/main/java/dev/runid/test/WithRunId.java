package dev.runid.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test in a run, as if a request or job of that run were executing it.
 * <p>
 * The run is current ({@code RunContext.current()}, the MDC) in the test's
 * {@code @BeforeEach} methods, the test method (also a {@code @ParameterizedTest},
 * {@code @RepeatedTest}, or a {@code @TestFactory} and its dynamic tests) and its
 * {@code @AfterEach} methods, on whichever thread JUnit runs each of them (also the
 * separate thread of {@code @Timeout(threadMode = SEPARATE_THREAD)}). It stays active for
 * {@code RunListener}s, so {@code @RunScoped} beans keep one instance from the first
 * {@code @BeforeEach} method to the last {@code @AfterEach} method and are destroyed
 * after it. After the test, passed or failed, no run is current on the test's threads.
 * <p>
 * On a class, every test method of the class (and of its {@code @Nested} classes) runs in
 * a run of its own made from this annotation; one on a method wins over one on its class.
 * Threads the test starts itself see the run only when their tasks are wrapped
 * ({@code RunContext.wrap}) or run on Spring's decorated executors.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RunIdTestExtension.class)
public @interface WithRunId {

	/**
	 * The run ID of the test; empty (the default) for a fresh UUIDv7 run per test.
	 * @return the run ID value, a valid {@code RunId}
	 */
	String value() default "";

	/**
	 * The parent run ID of the test's run; empty (the default) for none.
	 * @return the parent run ID value, a valid {@code RunId}
	 */
	String parent() default "";

}
