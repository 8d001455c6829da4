package dev.runid.aot.jdbc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring MVC application whose run registry keeps its runs in a database
 * ({@code run-id.registry.store=jdbc}), started in AOT mode by
 * {@code AotJdbcApplicationTests}.
 */
@SpringBootApplication
public class AotJdbcApplication {

	public static void main(String[] args) {
		SpringApplication.run(AotJdbcApplication.class, args);
	}

}
