import DataTable
