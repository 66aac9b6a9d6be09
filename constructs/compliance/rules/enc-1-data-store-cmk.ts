import { tableRule } from './data-stores';

/**
 * ENC-1 for the data stores of the table that had no rule of their own before it: one rule id
 * for all of them (the type is in each finding, and the reference lists what each type reads),
 * so that a new row needs no new id and a suppression names one rule.
 */
export const enc1DataStoreCmk = tableRule({
  id: 'ENC-1/data-store-cmk',
  control: 'ENC-1',
  title: {
    en: 'Data stores are encrypted at rest with a customer-managed key',
    fr: 'Les magasins de données sont chiffrés au repos avec une clé gérée par le client',
  },
  description:
    "Each data store of the table is encrypted at rest, by its switch or by default, with a key naming a customer-managed key (not alias/aws/*, an AWS owned key or the service's own key): a provider key is acceptable for 'public' only; data that is not encrypted fails at every level. What each type reads is listed in the data-store table below.",
  remediation: {
    en: "Turn the type's encryption at rest on and name a customer-managed KMS key (see the data-store table of ENC-1)",
    fr: 'Activer le chiffrement au repos du type et désigner une clé KMS gérée par le client (voir la table des magasins de données de ENC-1)',
  },
});
