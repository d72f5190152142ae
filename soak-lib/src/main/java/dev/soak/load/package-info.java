/**
 * The open-model load driver (DESIGN.md "Load driver").
 *
 * <p>Public surface: {@link dev.soak.load.LoadDriver} (built with
 * {@link dev.soak.load.LoadDriverBuilder}), {@link dev.soak.load.Operation} for plain Java
 * operations, {@link dev.soak.load.IntervalListener} receiving per-interval
 * {@link dev.soak.checkpoint.IntervalMetrics} and HdrHistograms, {@link dev.soak.load.PreloadProgress},
 * {@link dev.soak.load.DriverStatus} and the injectable {@link dev.soak.load.NanoClock}.
 *
 * <p>Inside: {@code ArrivalSchedule} turns λ(t) into intended start times (time rescaling);
 * {@code OperationMix} picks operations by weight from a per-operation RNG reseeded from
 * (seed, n); {@code EngramRenderers} and {@code TemplateRenderer} render requests into pooled
 * buffers; {@code NioHttpClient} sends them over pooled keep-alive connections, plain or TLS
 * ({@code TlsSession} pumps an {@link javax.net.ssl.SSLEngine} per connection; which certificates it
 * trusts is {@code [target] tls_ca_file} / {@code tls_insecure}, see {@link dev.soak.tls.TlsTrust}); {@code OpStats}
 * records corrected and uncorrected latency in HdrHistogram {@code Recorder}s;
 * {@code IntervalCollector} closes each interval.
 */
package dev.soak.load;
