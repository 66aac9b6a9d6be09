import { tableRule } from './data-stores';

/** ENC-2 for the data stores of the table: TLS enforced where a property decides it. */
export const enc2DataStoreTls = tableRule({
  id: 'ENC-2/data-store-tls',
  control: 'ENC-2',
  title: {
    en: 'Data stores require TLS 1.2 or later in transit',
    fr: 'Les magasins de données exigent TLS 1.2 ou une version ultérieure en transit',
  },
  description:
    'Where a property of the data store (or the parameter group it names) decides encryption in transit, it requires TLS, with a policy allowing TLS 1.2 or later: TransitEncryptionEnabled, node-to-node encryption, HTTPS enforcement and TLS security policies, ClientBroker TLS, SslMode, require_ssl and tls parameters, viewer and origin protocols. The service default applies when the property is absent.',
  remediation: {
    en: "Turn the type's encryption in transit on and choose a TLS 1.2+ policy (see the data-store table of ENC-2)",
    fr: 'Activer le chiffrement en transit du type et choisir une politique TLS 1.2 ou ultérieure (voir la table des magasins de données de ENC-2)',
  },
});
