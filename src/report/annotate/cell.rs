//! A1 cell references: `E14` is column 5, row 14 (both 1-based), ordered row first as sheets
//! store their cells.

/// A cell as (row, column), 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    pub row: u32,
    pub column: u32,
}

/// Excel's last row and column; anything beyond is not a cell.
const MAX_ROW: u32 = 1_048_576;
const MAX_COLUMN: u32 = 16_384;

impl Cell {
    /// Reads `E14` or `$E$14`; anything else is `None`.
    pub fn parse(text: &str) -> Option<Cell> {
        let text = text.replace('$', "");
        let split = text.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = text.split_at(split);
        if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let mut column: u32 = 0;
        for c in letters.chars() {
            let value = u32::from(c.to_ascii_uppercase() as u8 - b'A' + 1);
            column = column.checked_mul(26)?.checked_add(value)?;
        }
        let row: u32 = digits.parse().ok()?;
        ((1..=MAX_ROW).contains(&row) && (1..=MAX_COLUMN).contains(&column))
            .then_some(Cell { row, column })
    }

    pub fn letters(self) -> String {
        crate::import::column_letters(self.column.saturating_sub(1) as usize)
    }

    pub fn name(self) -> String {
        format!("{}{}", self.letters(), self.row)
    }
}

/// A merged region `A1:C3`, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub first: Cell,
    pub last: Cell,
}

impl Region {
    pub fn parse(text: &str) -> Option<Region> {
        let (first, last) = text.split_once(':').unwrap_or((text, text));
        Some(Region {
            first: Cell::parse(first)?,
            last: Cell::parse(last)?,
        })
    }

    pub fn contains(&self, cell: Cell) -> bool {
        (self.first.row..=self.last.row).contains(&cell.row)
            && (self.first.column..=self.last.column).contains(&cell.column)
    }
}
