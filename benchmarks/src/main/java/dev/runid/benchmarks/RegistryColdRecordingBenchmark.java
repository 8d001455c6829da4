package dev.runid.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.runid.benchmarks.RegistryRecordingBenchmark.WithMemoryRegistry;
import dev.runid.benchmarks.RegistryRecordingBenchmark.WithoutRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.mock.web.MockHttpServletResponse;

/**
 * {@link RegistryRecordingBenchmark}'s request with the CPU's caches emptied before each
 * one, as a server that is not saturated meets most requests: between two requests at a
 * fixed rate other work, other processes and other tenants of the machine take the caches
 * over. Before each request (outside the measured time) it reads a buffer of
 * {@code evictedKb} kilobytes, one byte per cache line, which pushes what the last
 * request touched out of the core's caches. Subtract {@code withoutRegistry} from
 * {@code withMemoryRegistry} for the registry's cost per request when its runs, its code
 * and the request's own data are cold; run with {@code -prof gc} for its allocation. Each
 * invocation is timed on its own, so read the figures side by side, not as absolute
 * request times.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class RegistryColdRecordingBenchmark {

	private static final int CACHE_LINE = 64;

	/**
	 * The size of the buffer read before each request, in kilobytes: at least the core's
	 * last private cache (1 MB per core on the machines of benchmarks/README.md).
	 */
	@Param({ "4096" })
	public int evictedKb;

	private byte[] buffer = new byte[0];

	/**
	 * What the reads add up to, kept so that the compiler cannot drop them.
	 */
	private int sum;

	@Setup(Level.Trial)
	public void allocate() {
		this.buffer = new byte[this.evictedKb * 1024];
	}

	@Setup(Level.Invocation)
	public void evictCaches() {
		byte[] buffer = this.buffer;
		int sum = 0;
		for (int i = 0; i < buffer.length; i += CACHE_LINE) {
			sum += buffer[i];
		}
		this.sum += sum;
	}

	@Benchmark
	public MockHttpServletResponse withoutRegistry(WithoutRegistry registry) throws Exception {
		return RegistryRecordingBenchmark.request(registry.filter);
	}

	@Benchmark
	public MockHttpServletResponse withMemoryRegistry(WithMemoryRegistry registry) throws Exception {
		return RegistryRecordingBenchmark.request(registry.filter);
	}

}
