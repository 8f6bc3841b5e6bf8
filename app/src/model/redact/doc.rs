//! The text being redacted: its normalised copy and what happens to each character.
use super::patterns::*;
use super::{Act, Known, Mode, MASK, MOU};
use crate::model::surnames::{compound_prefix, starts_with_surname};

pub(super) struct Doc {
    pub(super) orig: Vec<char>,
    pub(super) norm: String,
    pub(super) chars: Vec<char>,
    /// Char index of each byte offset of `norm` (valid at char boundaries).
    pub(super) at: Vec<u32>,
    pub(super) acts: Vec<Act>,
}

impl Doc {
    pub(super) fn new(text: &str) -> Doc {
        let orig: Vec<char> = text.chars().collect();
        let chars: Vec<char> = orig.iter().map(|&c| norm_char(c)).collect();
        let norm: String = chars.iter().collect();
        let mut at = vec![0u32; norm.len() + 1];
        for (i, (b, _)) in norm.char_indices().enumerate() {
            at[b] = i as u32;
        }
        at[norm.len()] = chars.len() as u32;
        let acts = vec![Act::Keep; chars.len()];
        Doc {
            orig,
            norm,
            chars,
            at,
            acts,
        }
    }

    pub(super) fn char_range(&self, m: regex::Match) -> (usize, usize) {
        (self.at[m.start()] as usize, self.at[m.end()] as usize)
    }

    /// Masks the digits (and with `letters` the ASCII letters) and Chinese numerals in a range.
    pub(super) fn star(&mut self, from: usize, to: usize, letters: bool) {
        for i in from..to {
            let c = self.chars[i];
            let hit = c.is_ascii_digit()
                || is_cn_numeral(c)
                || (letters && c.is_ascii_alphabetic())
                || (letters && c.is_alphanumeric() && !is_han(c));
            if hit && self.acts[i] == Act::Keep {
                self.acts[i] = Act::Star;
            }
        }
    }

    /// A name: the surname stays, each other non-space character becomes 某.
    pub(super) fn name(&mut self, from: usize, to: usize, surname_len: usize) {
        let mut seen = 0;
        for i in from..to {
            if self.chars[i] == ' ' {
                continue;
            }
            if seen >= surname_len {
                self.acts[i] = Act::Mou;
            }
            seen += 1;
        }
    }

    pub(super) fn mask(mut self, known: &Known, mode: Mode) -> String {
        self.known_names(known.names);
        self.cued_names();
        if mode == Mode::Public {
            self.addressed();
        }
        let barrier = if mode == Mode::Identity {
            self.plates(false)
        } else {
            self.plates(true);
            vec![false; self.chars.len()]
        };
        self.known_numbers(known.numbers);
        self.digit_groups(&barrier, mode);
        self.cued_ids();
        if mode == Mode::Public {
            self.houses();
        }
        self.orig
            .iter()
            .zip(&self.acts)
            .filter_map(|(&c, act)| match act {
                Act::Keep => Some(c),
                Act::Star => Some(MASK),
                Act::Mou => Some(MOU),
                Act::Drop => None,
            })
            .collect()
    }

    /// The known names, also written with spaces between the characters.
    pub(super) fn known_names(&mut self, names: &[&str]) {
        for name in names {
            let name: Vec<char> = name.chars().map(norm_char).filter(|c| *c != ' ').collect();
            if name.len() < 2 {
                continue;
            }
            let surname_len =
                if compound_prefix(&name.iter().collect::<String>()).is_some() && name.len() >= 3 {
                    2
                } else {
                    1
                };
            let n = self.chars.len();
            let mut i = 0;
            while i < n {
                let mut j = i;
                let mut k = 0;
                while k < name.len() && j < n {
                    if self.chars[j] == name[k] {
                        k += 1;
                        j += 1;
                    } else if k > 0 && self.chars[j] == ' ' {
                        j += 1;
                    } else {
                        break;
                    }
                }
                if k == name.len() {
                    self.name(i, j, surname_len);
                    i = j;
                } else {
                    i += 1;
                }
            }
        }
    }

    pub(super) fn cued_names(&mut self) {
        let found: Vec<(usize, usize, usize)> = NAME_CUE
            .captures_iter(&self.norm)
            .filter_map(|c| {
                let cue = c.get(1)?.as_str();
                let m = c.get(2)?;
                let name = m.as_str();
                let compound = compound_prefix(name).is_some();
                let weak = matches!(cue, "我是" | "本人" | "本人是");
                let not_a_name =
                    |words: &str| words.split_whitespace().any(|w| name.starts_with(w));
                if not_a_name(NOT_NAMES)
                    || (weak
                        && (not_a_name(NOT_NAMES_AFTER_WEAK_CUE) || !starts_with_surname(name)))
                {
                    return None;
                }
                let (a, b) = (self.at[m.start()] as usize, self.at[m.end()] as usize);
                Some((a, b, if compound && b - a >= 3 { 2 } else { 1 }))
            })
            .collect();
        for (a, b, s) in found {
            self.name(a, b, s);
        }
    }

    /// 李建国先生 → 李先生.
    pub(super) fn addressed(&mut self) {
        let found: Vec<(usize, usize)> = ADDRESSED
            .captures_iter(&self.norm)
            // Not 这位先生, 那位阿姨: no surname there.
            .filter(|c| !c[0].contains(|f: char| "这那该哪每各某此其位".contains(f)))
            .filter_map(|c| c.get(2).map(|m| self.char_range(m)))
            .collect();
        for (a, b) in found {
            for act in &mut self.acts[a..b] {
                if *act == Act::Keep {
                    *act = Act::Drop;
                }
            }
        }
    }

    /// Plates: masked (public) or returned as barriers digit groups do not cross (identity).
    pub(super) fn plates(&mut self, mask: bool) -> Vec<bool> {
        let mut barrier = vec![false; self.chars.len()];
        let found: Vec<(usize, usize, usize)> = PLATE
            .captures_iter(&self.norm)
            .filter_map(|c| {
                let tail = c.get(1)?;
                if tail.as_str().bytes().filter(u8::is_ascii_digit).count() < 2 {
                    return None;
                }
                let (a, _) = self.char_range(c.get(0)?);
                let (t, b) = self.char_range(tail);
                // Digits or letters right after: part of something else (新vx13812345678).
                let alone = !self.chars.get(b).is_some_and(char::is_ascii_alphanumeric);
                (mask || alone).then_some((a, t, b))
            })
            .collect();
        for (a, t, b) in found {
            if mask {
                self.star(t, b, true);
            } else {
                barrier[a..b].iter_mut().for_each(|x| *x = true);
            }
        }
        barrier
    }

    /// E-mail addresses (the part before @), QQ and WeChat ids after their cues, 尾号1234.
    pub(super) fn cued_ids(&mut self) {
        let mut found = Vec::new();
        for re in [&*QQ, &*WECHAT, &*TAIL, &*EMAIL] {
            for c in re.captures_iter(&self.norm) {
                if let Some(m) = c.get(1) {
                    found.push(self.char_range(m));
                }
            }
        }
        for (a, b) in found {
            self.star(a, b, true);
        }
    }

    /// House numbers in digits or Chinese numerals, not a date (11月30号), a line (1号线) or a
    /// layout (三室一厅).
    pub(super) fn houses(&mut self) {
        let found: Vec<(usize, usize)> = HOUSE
            .captures_iter(&self.norm)
            .filter_map(|c| {
                let num = c.get(1)?;
                let suffix = c.get(2)?;
                let (a, b) = self.char_range(num);
                let (_, e) = self.char_range(suffix);
                let before = a.checked_sub(1).map(|i| self.chars[i]);
                let after = self.chars.get(e).copied();
                if before == Some('月') || before == Some('第') {
                    return None;
                }
                if suffix.as_str() == "号" && matches!(after, Some('线') | Some('码')) {
                    return None;
                }
                // 三室一厅: a flat's layout.
                if suffix.as_str() == "室" && after.is_some_and(|c| c == '厅' || is_cn_numeral(c))
                {
                    return None;
                }
                Some((a, b))
            })
            .collect();
        for (a, b) in found {
            self.star(a, b, false);
        }
    }
}
