import { PURPOSES, TAG_KEYS, type LocalizedText } from '../../core';

/**
 * The built-in exception of CONTROLS.md for node-log forwarders: K8S-1/K8S-2 findings it
 * waives are reported as suppressed, with this reason.
 */
export const LOGS_NAMESPACE_EXCEPTION: LocalizedText = {
  en: `a namespace labelled ${TAG_KEYS.purpose}: ${PURPOSES.logs} may run a node-log DaemonSet that reads /var/log through a read-only hostPath, as root since the log files belong to root, which Pod Security 'restricted' forbids (CONTROLS.md)`,
  fr: `un espace de noms portant le label ${TAG_KEYS.purpose}: ${PURPOSES.logs} peut exécuter un DaemonSet de journaux des nœuds qui lit /var/log par un hostPath en lecture seule, en tant que root puisque les fichiers de journaux appartiennent à root, ce que Pod Security 'restricted' interdit (CONTROLS.md)`,
};

/**
 * The built-in exception of CONTROLS.md for the S3 server-access-log destination: S3 accepts
 * only SSE-S3 there, so the findings of ENC-1 and KEY-1 on it are reported as suppressed, with
 * this reason. It holds access logs, never the data of its level.
 */
export const ACCESS_LOG_EXCEPTION: LocalizedText = {
  en: 'S3 server access logs can only be delivered to a bucket encrypted with SSE-S3; it holds only access logs',
  fr: "les journaux d'accès au serveur S3 ne peuvent être livrés qu'à un compartiment chiffré avec SSE-S3 ; il ne contient que des journaux d'accès",
};

/** {@link ACCESS_LOG_EXCEPTION} for the destination of the access logs of `source` (a logical id). */
export function accessLogException(source: string): LocalizedText {
  return { en: `${ACCESS_LOG_EXCEPTION.en} (of '${source}')`, fr: `${ACCESS_LOG_EXCEPTION.fr} (de '${source}')` };
}
