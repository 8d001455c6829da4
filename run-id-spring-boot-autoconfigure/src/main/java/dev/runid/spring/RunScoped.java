package dev.runid.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.runid.spring.scope.RunScope;

import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.annotation.AliasFor;

/**
 * Puts a bean in the {@value RunScope#NAME} scope: one instance per run ID while that run
 * is active in this process, shared by concurrent requests and tasks of the same run, and
 * destroyed ({@code @PreDestroy}, {@code DisposableBean}) when the last request, job or
 * {@code RunContext} scope of the run ends.
 * <p>
 * By default the bean is injected as a class-based scoped proxy, so singletons can hold
 * it; every call goes to the instance of the run current on the calling thread. Calling
 * it with no run current throws an {@link IllegalStateException}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Scope(RunScope.NAME)
public @interface RunScoped {

	/**
	 * The proxy mode of the bean.
	 * @return the proxy mode, class-based by default
	 */
	@AliasFor(annotation = Scope.class)
	ScopedProxyMode proxyMode() default ScopedProxyMode.TARGET_CLASS;

}
