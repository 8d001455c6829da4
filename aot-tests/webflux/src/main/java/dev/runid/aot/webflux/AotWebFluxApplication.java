package dev.runid.aot.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring WebFlux application that uses every main feature of the starter, started in
 * AOT mode by {@code AotWebFluxApplicationTests}.
 */
@SpringBootApplication
public class AotWebFluxApplication {

	public static void main(String[] args) {
		SpringApplication.run(AotWebFluxApplication.class, args);
	}

}
