package dev.runid.spring.slice.mvc;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A user's Spring MVC application, as {@code @WebMvcTest} finds it: a controller that
 * takes a {@code RunId}, uses a {@code @RunScoped} bean, answers asynchronously and fails
 * with a problem detail.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class MvcSliceApplication {

}
