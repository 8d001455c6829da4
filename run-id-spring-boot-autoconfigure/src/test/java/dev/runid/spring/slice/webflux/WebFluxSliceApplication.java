package dev.runid.spring.slice.webflux;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A user's Spring WebFlux application, as {@code @WebFluxTest} finds it: a controller
 * that takes a {@code RunId}, hops threads, uses a {@code @RunScoped} bean and fails.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class WebFluxSliceApplication {

}
