package dev.runid.test.example;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A user's application, for the examples of the README's "Testing your application".
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ExampleApplication {

}
