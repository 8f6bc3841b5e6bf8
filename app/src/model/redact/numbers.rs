//! Numbers: the reporter's known numbers, and every run of digits long enough to be a phone
//! or ID number.
use super::doc::Doc;
use super::patterns::*;
use super::{Act, Mode};

impl Doc {
    /// The known numbers wherever their digits appear in order, across separators, in either
    /// width or in Chinese numerals, with or without +86/0086 or the area code.
    pub(super) fn known_numbers(&mut self, numbers: &[&str]) {
        let mut wanted: Vec<String> = Vec::new();
        for number in numbers {
            let d: String = number
                .chars()
                .map(norm_char)
                .filter(char::is_ascii_digit)
                .collect();
            if d.len() < 5 {
                continue;
            }
            if let Some(rest) = d.strip_prefix("0086") {
                wanted.push(rest.to_string());
            } else if d.len() == 13 && d.starts_with("86") {
                wanted.push(d[2..].to_string());
            }
            // A landline is also written without its area code: the digits after the first
            // separator (0537-2345678), or else after a 3- or 4-digit area code.
            if d.starts_with('0') && d.len() >= 10 {
                let written: Vec<char> = number.chars().map(norm_char).collect();
                let area = written.iter().skip_while(|c| !c.is_ascii_digit());
                let area = area.take_while(|c| c.is_ascii_digit()).count();
                if (3..=4).contains(&area) {
                    wanted.push(d[area..].to_string());
                } else {
                    wanted.extend([d[3..].to_string(), d[4..].to_string()]);
                }
            }
            wanted.push(d);
        }
        if wanted.is_empty() {
            return;
        }
        // The digits of the text in order, with their char index; other text breaks the run.
        let mut digits = String::new();
        let mut index = Vec::new();
        for (i, &c) in self.chars.iter().enumerate() {
            if let Some(d) = c
                .to_digit(10)
                .filter(|_| c.is_ascii_digit())
                .map(|d| d as u8)
                .or(cn_digit(c))
            {
                digits.push((b'0' + d) as char);
                index.push(i);
            } else if is_sep(c)
                || matches!(
                    c,
                    '+' | '_' | ':' | ',' | '，' | '、' | '*' | '#' | ';' | '；' | '"' | '\''
                )
            {
                continue;
            } else if !digits.ends_with('|') {
                digits.push('|');
                index.push(usize::MAX);
            }
        }
        let mut hits = Vec::new();
        for w in &wanted {
            for (at, _) in digits.match_indices(w.as_str()) {
                hits.extend_from_slice(&index[at..at + w.len()]);
            }
        }
        for i in hits {
            if self.acts[i] == Act::Keep {
                self.acts[i] = Act::Star;
            }
        }
    }

    /// Groups of digits joined by up to three separators (138 1234 5678, +86-138.1234.5678,
    /// (0537)234-5678, 370802 19900101 123X): 7+ digits are masked (phones, IDs, any long
    /// number) unless the group is a date; shorter dashed groups are house numbers (public).
    pub(super) fn digit_groups(&mut self, barrier: &[bool], mode: Mode) {
        let n = self.chars.len();
        let free = |i: usize| !barrier[i];
        let mut i = 0;
        let mut groups = Vec::new();
        while i < n {
            if !(self.chars[i].is_ascii_digit() && free(i)) {
                i += 1;
                continue;
            }
            let start = i;
            let mut count = 0;
            let mut j = i;
            let mut end;
            loop {
                while j < n && self.chars[j].is_ascii_digit() && free(j) {
                    count += 1;
                    j += 1;
                }
                end = j;
                let mut k = j;
                while k < n && k - j < 3 && is_sep(self.chars[k]) && free(k) {
                    k += 1;
                }
                if k > j && k < n && self.chars[k].is_ascii_digit() && free(k) {
                    j = k;
                } else {
                    break;
                }
            }
            if count >= 14 {
                let mut k = end;
                while k < n && k - end < 2 && is_sep(self.chars[k]) {
                    k += 1;
                }
                if k < n
                    && matches!(self.chars[k], 'x' | 'X')
                    && !(k + 1 < n && self.chars[k + 1].is_ascii_alphabetic())
                {
                    end = k + 1;
                }
            }
            groups.push((start, end, count));
            i = end;
        }
        for (start, end, count) in groups {
            let text: String = self.chars[start..end].iter().collect();
            let before = start.checked_sub(1).map(|b| self.chars[b]);
            let after = self.chars.get(end).copied();
            if count >= 7 {
                let date = count <= 10 && DATE_START.is_match(&text);
                let years = after == Some('年') && YEAR_RANGE.is_match(&text);
                let house = mode == Mode::Identity && DASHED_HOUSE_LONG.is_match(&text);
                if !(date || years || house) {
                    self.star(start, end, true);
                }
            } else if mode == Mode::Public && DASHED_HOUSE.is_match(&text) {
                let groups = text.matches('-').count() + 1;
                let date = DATE_START.is_match(&text);
                let not_house = before == Some(':')
                    || after.is_some_and(|c| {
                        matches!(
                            c,
                            '点' | '时'
                                | '元'
                                | '块'
                                | '万'
                                | '岁'
                                | '天'
                                | '年'
                                | '月'
                                | '日'
                                | '个'
                                | '次'
                                | '分'
                                | '%'
                                | ':'
                                | '周'
                        )
                    });
                if !date && (groups >= 3 || !not_house) {
                    self.star(start, end, false);
                }
            }
        }
        let runs: Vec<(usize, usize)> = CN_DIGIT_RUN
            .find_iter(&self.norm)
            .filter(|m| !m.as_str().is_ascii())
            .map(|m| self.char_range(m))
            .collect();
        for (a, b) in runs {
            self.star(a, b, false);
        }
    }
}
