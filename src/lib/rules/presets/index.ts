/**
 * The three presets: the source documents' rules, ready to run (RULES.md, "The parameters and each
 * preset's values"). A body starts from one of them and may then change any parameter.
 *
 * Glossary: Lineamientos / acta de instalación → preset's source document.
 */
import type { BodyRules, BodyRulesPreset } from '../body-rules';
import { presetIds, type PresetId } from '../body-rules-vocabulary';
import { inaiStlPreset } from './inai-stl';
import { tacambaroStmPreset } from './tacambaro-stm';
import { zacatecasStlPreset } from './zacatecas-stl';

export { inaiStlPreset, tacambaroStmPreset, zacatecasStlPreset };

/** Each preset by its id. */
export const presetsById: Record<PresetId, BodyRulesPreset> = {
	'zacatecas-stl': zacatecasStlPreset,
	'inai-stl': inaiStlPreset,
	'tacambaro-stm': tacambaroStmPreset
};

/** The presets in the order RULES.md lists them; the preset picker shows them so. */
export const presets: readonly BodyRulesPreset[] = presetIds.map((id) => presetsById[id]);

/**
 * The preset with this id, or null for an unknown id (e.g. a stale value from a form or a URL).
 * The body-settings page calls it to show a preset's articles beside each parameter.
 */
export function findPreset(id: string): BodyRulesPreset | null {
	return presets.find((preset) => preset.id === id) ?? null;
}

/**
 * A fresh, independent copy of a preset's rules, for a new body to start from and change without
 * touching the preset. The body-creation action calls it.
 */
export function copyPresetRules(id: PresetId): BodyRules {
	return structuredClone(presetsById[id].rules);
}
