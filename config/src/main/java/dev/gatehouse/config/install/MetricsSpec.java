package dev.gatehouse.config.install;

import java.util.List;

/**
 * {@code metrics}.
 *
 * @param prometheus Prometheus exposition on the admin listener's {@code /metrics}, or null
 */
public record MetricsSpec(PrometheusSpec prometheus) {
    /**
     * {@code metrics.prometheus}.
     *
     * @param buckets              histogram buckets in seconds
     * @param addEntryPointsLabels label by entry point (default true)
     * @param addRoutersLabels     label by router (default false in Traefik; default true here)
     * @param addServicesLabels    label by service (default true)
     * @param addConsumersLabels   Gatehouse: count requests per authenticated Consumer (default false: one series
     *                             per caller can be many series)
     */
    public record PrometheusSpec(List<Double> buckets, Boolean addEntryPointsLabels, Boolean addRoutersLabels,
                                 Boolean addServicesLabels, Boolean addConsumersLabels) {
        /**
         * The Traefik keys only.
         *
         * @param buckets              histogram buckets in seconds
         * @param addEntryPointsLabels label by entry point
         * @param addRoutersLabels     label by router
         * @param addServicesLabels    label by service
         */
        public PrometheusSpec(List<Double> buckets, Boolean addEntryPointsLabels, Boolean addRoutersLabels,
                              Boolean addServicesLabels) {
            this(buckets, addEntryPointsLabels, addRoutersLabels, addServicesLabels, null);
        }
    }
}
