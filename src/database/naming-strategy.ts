import { DefaultNamingStrategy, type NamingStrategyInterface, type Table, type View } from 'typeorm';

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const tableNameOf = (table: Table | View | string) => {
  const name = typeof table === 'string' ? table : table.name;
  return name.split('.').pop() as string;
};

/**
 * snake_case columns and readable constraint names (pk_, fk_, uq_, ix_) so that migrations, `\d` in psql and
 * error messages say what a constraint is for. Migrations written by hand use the same names.
 */
export class SignpostNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snake([...prefixes, customName ?? propertyName].join('_'));
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }

  override primaryKeyName(table: Table | string): string {
    return `pk_${tableNameOf(table)}`;
  }

  override foreignKeyName(table: Table | string, columnNames: string[]): string {
    return `fk_${tableNameOf(table)}_${columnNames.join('_')}`;
  }

  override uniqueConstraintName(table: Table | string, columnNames: string[]): string {
    return `uq_${tableNameOf(table)}_${columnNames.join('_')}`;
  }

  override relationConstraintName(table: Table | string, columnNames: string[]): string {
    return `uq_${tableNameOf(table)}_${columnNames.join('_')}`;
  }

  override indexName(table: Table | View | string, columnNames: string[]): string {
    return `ix_${tableNameOf(table)}_${columnNames.join('_')}`;
  }
}
