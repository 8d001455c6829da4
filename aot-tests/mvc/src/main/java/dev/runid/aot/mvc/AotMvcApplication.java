package dev.runid.aot.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A Spring MVC application that uses every main feature of the starter, started in AOT
 * mode by {@code AotMvcApplicationTests}.
 */
@SpringBootApplication
@EnableAsync
@EnableScheduling
public class AotMvcApplication {

	public static void main(String[] args) {
		SpringApplication.run(AotMvcApplication.class, args);
	}

}
