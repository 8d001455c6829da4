package dev.runid.spring.slice.client;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A user's application with HTTP clients built from Boot's builders, as
 * {@code @RestClientTest} and {@code @WebClientTest} find it.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ClientSliceApplication {

}
