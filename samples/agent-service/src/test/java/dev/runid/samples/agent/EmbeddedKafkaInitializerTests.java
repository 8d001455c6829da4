package dev.runid.samples.agent;

import java.net.Socket;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The embedded broker's life when the application fails to start.
 */
class EmbeddedKafkaInitializerTests {

	@Test
	void stopsTheBrokerWhenTheStartFailsBeforeTheContextIsRefreshed() {
		AtomicReference<String> bootstrapServers = new AtomicReference<>();
		SpringApplication application = new SpringApplication(AgentServiceApplication.class);
		// runs after the initializers of spring.factories, the broker's included
		application.addInitializers((context) -> {
			bootstrapServers.set(context.getEnvironment().getProperty(EmbeddedKafkaInitializer.BOOTSTRAP_SERVERS));
			throw new IllegalStateException("start failed");
		});
		assertThatIllegalStateException().isThrownBy(() -> application.run("--server.port=0"))
			.withMessage("start failed");
		assertThat(bootstrapServers.get()).matches("localhost:\\d+");
		int port = Integer.parseInt(bootstrapServers.get().substring("localhost:".length()));
		assertThatIOException().as("a connection to the broker's port")
			.isThrownBy(() -> new Socket("localhost", port).close());
	}

}
