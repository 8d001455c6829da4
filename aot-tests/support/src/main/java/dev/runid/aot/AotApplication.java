package dev.runid.aot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An application of the module under test, processed ahead of time by Boot's
 * {@code process-aot} goal and started as its own JVM with
 * {@code -Dspring.aot.enabled=true} on a random port, as a user would start it. Its
 * output is collected for the test to read.
 * <p>
 * The module's build hands over its classes directory and run-time class path through the
 * system properties {@value #CLASSES_PROPERTY} and {@value #CLASS_PATH_PROPERTY} (see the
 * pom of {@code aot-tests}). Not thread-safe for starting and closing; the output may be
 * read from any thread.
 */
public final class AotApplication implements AutoCloseable {

	/**
	 * System property naming the application's classes directory, where
	 * {@code process-aot} put the generated classes too.
	 */
	public static final String CLASSES_PROPERTY = "aot.application.classes";

	/**
	 * System property naming the file that holds the application's run-time class path.
	 */
	public static final String CLASS_PATH_PROPERTY = "aot.application.class-path-file";

	private static final Pattern PORT = Pattern.compile("(?:Tomcat|Netty|Jetty|Undertow) started on port (\\d+)");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	/**
	 * System properties of the tests' JVM that the application gets too: virtual threads
	 * (CI's second run), and one connection per request for Reactor Netty (the root pom's
	 * surefire settings, reactor/reactor-netty#4361).
	 */
	private static final List<String> FORWARDED_PROPERTIES = List.of("spring.threads.virtual.enabled",
			"server.netty.max-keep-alive-requests");

	private final Process process;

	private final StringBuffer output = new StringBuffer();

	private final int port;

	private AotApplication(Process process) {
		this.process = process;
		Thread reader = new Thread(this::collectOutput, "aot-application-output");
		reader.setDaemon(true);
		reader.start();
		this.port = awaitPort();
	}

	/**
	 * Start the application in AOT mode on a random port (unless the arguments hold a
	 * {@code --server.port}) and wait until it listens.
	 * @param mainClass the application's main class
	 * @param arguments further application arguments ({@code --name=value})
	 * @return the started application
	 * @throws IllegalStateException when it does not start; the message holds its output
	 */
	public static AotApplication start(Class<?> mainClass, String... arguments) {
		List<String> withPort = new ArrayList<>();
		if (Arrays.stream(arguments).noneMatch((argument) -> argument.startsWith("--server.port="))) {
			withPort.add("--server.port=0");
		}
		withPort.addAll(List.of(arguments));
		try {
			return new AotApplication(
					new ProcessBuilder(command(mainClass, withPort.toArray(String[]::new))).redirectErrorStream(true)
						.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The command that starts the application in AOT mode, for a test that starts it
	 * itself (as an MCP client starts its STDIO server).
	 * @param mainClass the application's main class
	 * @param arguments application arguments ({@code --name=value})
	 * @return the {@code java} executable of the test's JVM, then its arguments
	 */
	public static List<String> command(Class<?> mainClass, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Dspring.aot.enabled=true");
		// set for the tests' JVM (CI's second run, the root pom's surefire settings): the
		// application runs the same way
		for (String property : FORWARDED_PROPERTIES) {
			String value = System.getProperty(property);
			if (value != null) {
				command.add("-D" + property + "=" + value);
			}
		}
		command.add("-cp");
		command.add(classPath());
		command.add(mainClass.getName());
		command.addAll(List.of(arguments));
		return command;
	}

	private static String classPath() {
		String classes = requiredProperty(CLASSES_PROPERTY);
		try {
			String dependencies = Files.readString(Path.of(requiredProperty(CLASS_PATH_PROPERTY))).strip();
			return classes + java.io.File.pathSeparator + dependencies;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String requiredProperty(String name) {
		String value = System.getProperty(name);
		if (value == null) {
			throw new IllegalStateException("System property " + name + " is not set: run the test with Maven");
		}
		return value;
	}

	private void collectOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.output.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	private int awaitPort() {
		try {
			Awaitility.await("the application to listen")
				.atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> PORT.matcher(this.output).find() || !this.process.isAlive());
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new IllegalStateException("The application did not start within " + START_TIMEOUT + ":\n" + output(),
					ex);
		}
		Matcher matcher = PORT.matcher(this.output);
		if (!matcher.find()) {
			close();
			throw new IllegalStateException("The application did not start:\n" + output());
		}
		return Integer.parseInt(matcher.group(1));
	}

	/**
	 * The port the application listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The address of a path of the application.
	 * @param path the path, starting with {@code /}
	 * @return its address on 127.0.0.1
	 */
	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * What the application wrote to its standard output and error so far.
	 * @return its output
	 */
	public String output() {
		return this.output.toString();
	}

	/**
	 * The lines of the output so far.
	 * @return the lines
	 */
	public List<String> lines() {
		return output().lines().toList();
	}

	/**
	 * Wait until a line of the output matches.
	 * @param description what the line shows, for the failure message
	 * @param line the condition on one line
	 * @return the first matching line
	 */
	public String awaitLine(String description, Predicate<String> line) {
		try {
			return Awaitility.await(description)
				.atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> lines().stream().filter(line).findFirst(), java.util.Optional::isPresent)
				.orElseThrow();
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("No line of the output shows " + description + ":\n" + output(), ex);
		}
	}

	/**
	 * Stop the application and wait for its end.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
