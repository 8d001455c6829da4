package dev.runid.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * JMH profiler that reports CPU time per operation, which a shared, busy machine disturbs
 * far less than wall time: a benchmark thread that waits for a core is not charged for
 * the wait. {@code cpu.worker.norm} is the CPU time of the benchmark threads,
 * {@code cpu.process.norm} that of the whole JVM (with GC and JIT threads), and
 * {@code cpu.writer.norm} that of run-id's background threads (the JDBC run store's
 * writer), each per operation over each iteration, normalised like {@code -prof gc}'s
 * {@code gc.alloc.rate.norm}. Use it with
 * {@code -prof dev.runid.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private Map<Long, Long> workerCpuBefore = Map.of();

	private Map<Long, Long> writerCpuBefore = Map.of();

	private long processCpuBefore;

	@Override
	public String getDescription() {
		return "CPU time per operation (benchmark threads and whole process)";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.workerCpuBefore = cpuTimes("jmh-worker");
		this.writerCpuBefore = cpuTimes("run-id-registry");
		this.processCpuBefore = this.os.getProcessCpuTime();
	}

	@Override
	public List<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
			IterationResult result) {
		long processCpu = this.os.getProcessCpuTime() - this.processCpuBefore;
		long workerCpu = cpuSince(cpuTimes("jmh-worker"), this.workerCpuBefore);
		long writerCpu = cpuSince(cpuTimes("run-id-registry"), this.writerCpuBefore);
		long ops = result.getMetadata().getAllOps();
		if (ops == 0) {
			return List.of();
		}
		return List.of(new ScalarResult("cpu.worker.norm", (double) workerCpu / ops, "ns/op", AggregationPolicy.AVG),
				new ScalarResult("cpu.process.norm", (double) processCpu / ops, "ns/op", AggregationPolicy.AVG),
				new ScalarResult("cpu.writer.norm", (double) writerCpu / ops, "ns/op", AggregationPolicy.AVG));
	}

	private static long cpuSince(Map<Long, Long> now, Map<Long, Long> before) {
		long cpu = 0;
		for (Map.Entry<Long, Long> thread : now.entrySet()) {
			cpu += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
		}
		return cpu;
	}

	private Map<Long, Long> cpuTimes(String threadName) {
		Map<Long, Long> times = new HashMap<>();
		for (ThreadInfo info : this.threads.getThreadInfo(this.threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().contains(threadName)) {
				long cpu = this.threads.getThreadCpuTime(info.getThreadId());
				if (cpu >= 0) {
					times.put(info.getThreadId(), cpu);
				}
			}
		}
		return times;
	}

}
