import { PURPOSES, TAG_KEYS } from '../../core';

/**
 * The built-in exception of CONTROLS.md for node-log forwarders: K8S-1/K8S-2 findings it
 * waives are reported as suppressed, with this reason.
 */
export const LOGS_NAMESPACE_EXCEPTION = `a namespace labelled ${TAG_KEYS.purpose}: ${PURPOSES.logs} may run a node-log DaemonSet that reads /var/log through a read-only hostPath, as root since the log files belong to root, which Pod Security 'restricted' forbids (CONTROLS.md)`;

/**
 * The built-in exception of CONTROLS.md for the S3 server-access-log destination: S3 accepts
 * only SSE-S3 there, so the findings of ENC-1 and KEY-1 on it are reported as suppressed, with
 * this reason. It holds access logs, never the data of its level.
 */
export const ACCESS_LOG_EXCEPTION =
  'S3 server access logs can only be delivered to a bucket encrypted with SSE-S3; it holds only access logs';
